from . import test_operational_report
from . import test_portfolio_quality
from . import test_coverage
from . import test_ratio_report
from . import test_history
from . import test_portfolio_import
