// CostModel.cpp: to be written.
