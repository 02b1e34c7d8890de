// Plugin loading in recompute-opt, with RecomputeTestPlugin.so (a pass that
// recompute-opt does not have built in). recompute-opt loads plugins before
// parsing its command line, so the plugin pass works as a direct flag, with
// the two-argument and single-dash spellings too, and in
// --mlir-print-ir-after; a plugin that cannot be loaded is an error.
//
// RUN: recompute-opt --load-pass-plugin=%test_plugin --recompute-test-plugin-pass=tag=direct %s \
// RUN:   | FileCheck %s --check-prefix=DIRECT
// RUN: recompute-opt %s --load-pass-plugin %test_plugin --recompute-test-plugin-pass \
// RUN:   | FileCheck %s --check-prefix=TWOARG
// RUN: recompute-opt -load-pass-plugin=%test_plugin --mlir-print-ir-after=recompute-test-plugin-pass \
// RUN:   -p 'builtin.module(func.func(recompute-test-plugin-pass{tag=piped}))' %s -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PRINT
// RUN: not recompute-opt --load-pass-plugin=%t.does-not-exist.so %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISSING
// RUN: not recompute-opt %s --load-pass-plugin 2>&1 | FileCheck %s --check-prefix=NOVALUE
//
// Stock mlir-opt 22, for contrast: the direct flag is unknown there, and a
// missing plugin is only a warning.
// RUN: not %mlir_opt --load-pass-plugin=%test_plugin --recompute-test-plugin-pass %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=STOCK
// RUN: %mlir_opt --load-pass-plugin=%t.does-not-exist.so %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=STOCK-MISSING

func.func @f() {
  return
}

// DIRECT: func.func @f() attributes {recompute.test_plugin = "direct"}
// TWOARG: func.func @f() attributes {recompute.test_plugin = "default"}
// PRINT: IR Dump After {{.*}}(recompute-test-plugin-pass)
// PRINT: func.func @f() attributes {recompute.test_plugin = "piped"}
// MISSING: recompute-opt: cannot load pass plugin '{{.*}}does-not-exist.so'
// NOVALUE: --load-pass-plugin requires a plugin file name
// STOCK: Unknown command line argument '--recompute-test-plugin-pass'
// STOCK-MISSING: Failed to load passes from '{{.*}}does-not-exist.so'. Request ignored.
// STOCK-MISSING: func.func @f()
