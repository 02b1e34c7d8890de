// Planner.cpp: to be written.
