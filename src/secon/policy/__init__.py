"""Policy instruments: the regional programmes, laws and strategies the partners set out to improve."""
