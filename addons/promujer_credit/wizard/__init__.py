from . import promujer_loan_cycle_reject
from . import promujer_loan_write_off
from . import promujer_loan_reschedule
from . import promujer_internal_repayment
from . import promujer_client_move
from . import promujer_center_consolidate
from . import promujer_group_leave
