from . import promujer_portfolio_generator
from . import promujer_portfolio_plan
