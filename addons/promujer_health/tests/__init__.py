from . import test_visit
from . import test_invoicing
from . import test_referral
from . import test_confidentiality
from . import test_bad_input
from . import test_figures
from . import test_workflow
