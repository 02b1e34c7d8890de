// GraphIO.cpp: to be written.
