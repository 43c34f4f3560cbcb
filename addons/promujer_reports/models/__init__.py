from . import account_account
from . import promujer_pilot
