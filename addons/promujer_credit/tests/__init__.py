from . import test_association
from . import test_loan_cycle
from . import test_security
from . import test_internal_account
