from . import promujer_operational_report
from . import promujer_ratio_report
from . import promujer_coverage_report
