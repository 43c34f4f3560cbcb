from . import test_association
from . import test_loan_cycle
from . import test_security
from . import test_savings
from . import test_arrears
from . import test_scenario
from . import test_meeting_concurrency
