// CGFormat.cpp: to be written.
