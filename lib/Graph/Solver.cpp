// Solver.cpp: to be written.
