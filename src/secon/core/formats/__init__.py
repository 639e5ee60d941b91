"""Our date and time formats where Django's locale defaults do not fit the project's readers.

Django looks here first (``FORMAT_MODULE_PATH``) and takes every format not set here from its own
locale data. Greek and English pages used a 12-hour clock ("5 μ.μ.", "5 p.m.", and "p.m.." where a
sentence ended after a time): the project's readers, like German and Spanish ones, read 24-hour times.
"""
