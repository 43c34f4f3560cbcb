from . import promujer_loan_cycle_reject
