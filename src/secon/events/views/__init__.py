"""Views of the events app: public pages, the organiser side, exports."""
