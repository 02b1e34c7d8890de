// RecomputeReport.cpp: to be written.
