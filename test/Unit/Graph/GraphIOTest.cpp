// GraphIOTest.cpp: to be written.
