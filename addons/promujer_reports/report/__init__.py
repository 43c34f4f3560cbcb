from . import promujer_portfolio_report
