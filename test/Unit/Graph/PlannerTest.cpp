// PlannerTest.cpp: to be written.
