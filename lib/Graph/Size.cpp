// Size.cpp: to be written.
