// Program.cpp: to be written.
