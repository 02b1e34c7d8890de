// Graph.cpp: to be written.
