// RecomputeMemoryBudget.cpp: to be written.
