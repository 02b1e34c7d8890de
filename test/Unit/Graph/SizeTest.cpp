// SizeTest.cpp: to be written.
