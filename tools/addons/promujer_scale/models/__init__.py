from . import promujer_portfolio_generator
