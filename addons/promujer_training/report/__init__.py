from . import promujer_employment_report
