// Pipelines.cpp: to be written.
