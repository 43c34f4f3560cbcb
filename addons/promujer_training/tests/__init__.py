from . import test_program
from . import test_completion
from . import test_attendance
from . import test_gate
from . import test_security
from . import test_employment
from . import test_workflow
