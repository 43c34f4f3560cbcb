from . import account_account
from . import promujer_portfolio_figures
from . import promujer_pilot
