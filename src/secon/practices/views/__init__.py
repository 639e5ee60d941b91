"""Views of the good-practice library: public library, partner side, transfers, exports."""
