// SimulatorTest.cpp: to be written.
