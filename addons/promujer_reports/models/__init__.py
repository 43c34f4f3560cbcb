from . import account_account
from . import promujer_xlsx_mixin
from . import promujer_pilot
