// TrainingGraph.cpp: to be written.
