// Rematerialize.cpp: to be written.
