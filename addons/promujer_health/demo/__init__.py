# The demo data built through the suite's own workflow (called from the demo XML only).
from . import promujer_health_demo_data
