// GraphTest.cpp: to be written.
