// SolverTest.cpp: to be written.
