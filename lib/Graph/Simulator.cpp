// Simulator.cpp: to be written.
