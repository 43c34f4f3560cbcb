from . import promujer_operational_report
from . import promujer_ratio_report
