//===- GraphIO.h - Reading and writing graph files ------------------------===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// Two formats, both read into a Program (graph + backward ops):
//  - "cg": the paper's Chainer dumps (../shared/graphs/paper/README.md);
//  - "json": ours, documented in docs/GraphFormats.md.
// Errors name the file and line: "file.txt:17: expected 2 integers, got 'x'".
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_GRAPH_GRAPHIO_H
#define RECOMPUTE_GRAPH_GRAPHIO_H

#include "recompute/Graph/Program.h"

#include <optional>

namespace recompute {

enum class GraphFormat { Auto, CG, JSON };

struct ReadOptions {
  GraphFormat format = GraphFormat::Auto;
  /// Multiply every size by this factor (e.g. a batch-size scale).
  double bytesScale = 1.0;
};

struct ReadResult {
  std::optional<Program> program; // set on success
  std::string error;              // "file:line: message" on failure
  GraphFormat format = GraphFormat::Auto;
  /// Bytes of parameter/input gradients in the program (persistent values).
  uint64_t persistentGradientBytes = 0;
};

/// `name` is used in error messages; `text` is the file's content.
ReadResult readProgram(const std::string &name, const std::string &text,
                       const ReadOptions &options);
ReadResult readProgramFile(const std::string &path, const ReadOptions &options);

/// Format-specific readers (readProgram dispatches to them).
ReadResult readCGProgram(const std::string &name, const std::string &text,
                         const ReadOptions &options);
ReadResult readJSONProgram(const std::string &name, const std::string &text,
                           const ReadOptions &options);

/// Writes `p` in our JSON format (round-trips through readProgram).
std::string writeProgramJSON(const Program &p);

} // namespace recompute

#endif // RECOMPUTE_GRAPH_GRAPHIO_H
