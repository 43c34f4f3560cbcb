# The demo data built through the suite's own workflow (called from the demo XML only).
from . import promujer_training_demo_data
