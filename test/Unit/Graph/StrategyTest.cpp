// StrategyTest.cpp: to be written.
