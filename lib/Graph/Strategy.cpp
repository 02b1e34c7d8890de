// Strategy.cpp: to be written.
