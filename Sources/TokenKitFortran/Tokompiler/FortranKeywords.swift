/// Fortran's keywords and intrinsic procedures, lower case.
///
/// Fortran reserves no word: `if`, `end` or `real` can name variables. These sets say what a
/// word *can* be; the statement recogniser decides from its position.
public enum FortranKeywords {
    /// Words that start or structure statements, attributes, type specs and I/O keywords.
    public static let keywords: Set<String> = [
        "abstract", "allocatable", "allocate", "assign", "associate", "asynchronous", "backspace", "bind", "block",
        "blockdata", "byte", "call", "case", "character", "class", "close", "codimension", "common", "complex",
        "concurrent", "contains", "contiguous", "continue", "critical", "cycle", "data", "deallocate", "default",
        "deferred", "dimension", "do", "double", "doubleprecision", "elemental", "else", "elseif", "elsewhere",
        "end", "endassociate", "endblock", "endblockdata", "enddo", "endfile", "endfunction", "endif",
        "endinterface", "endmodule", "endprogram", "endselect", "endsubroutine", "endtype", "endwhere", "endforall",
        "endcritical", "endenum", "endsubmodule", "endprocedure", "entry", "enum", "enumerator", "equivalence",
        "error", "exit", "extends", "external", "final", "flush", "forall", "format", "function", "generic", "go",
        "goto", "if", "implicit", "import", "impure", "in", "include", "inout", "inquire", "integer", "intent",
        "interface", "intrinsic", "is", "kind", "len", "logical", "module", "namelist", "non_intrinsic",
        "non_overridable", "none", "nopass", "nullify", "only", "open", "operator", "optional", "out", "parameter",
        "pass", "pause", "pointer", "precision", "print", "private", "procedure", "program", "protected", "public",
        "pure", "read", "real", "recursive", "result", "return", "rewind", "save", "select", "sequence", "stop",
        "submodule", "subroutine", "sync", "all", "images", "memory", "target", "then", "to", "type", "use",
        "value", "volatile", "wait", "where", "while", "write", "assignment", "non_recursive", "simple", "rank",
    ]

    /// Words that begin a type specification in a declaration.
    public static let typeSpecs: Set<String> = [
        "integer", "real", "complex", "logical", "character", "double", "doubleprecision", "doublecomplex", "byte",
        "type", "class", "procedure",
    ]

    /// Attributes and attribute statements.
    public static let attributes: Set<String> = [
        "allocatable", "asynchronous", "bind", "codimension", "contiguous", "dimension", "external", "intent",
        "intrinsic", "optional", "parameter", "pointer", "private", "protected", "public", "save", "target",
        "value", "volatile", "deferred", "nopass", "pass", "non_overridable", "extends", "abstract", "sequence",
    ]

    /// Prefixes that may precede `subroutine` or `function` in a procedure header.
    public static let procedurePrefixes: Set<String> = [
        "recursive", "pure", "elemental", "impure", "module", "non_recursive", "simple",
    ]

    /// The intrinsic procedures of Fortran 2018 (and common vendor ones).
    public static let intrinsics: Set<String> = [
        "abs", "achar", "acos", "acosh", "adjustl", "adjustr", "aimag", "aint", "all", "allocated", "anint", "any",
        "asin", "asinh", "associated", "atan", "atan2", "atanh", "bessel_j0", "bessel_j1", "bessel_jn", "bessel_y0",
        "bessel_y1", "bessel_yn", "bge", "bgt", "bit_size", "ble", "blt", "btest", "ceiling", "char", "cmplx",
        "command_argument_count", "conjg", "cos", "cosh", "count", "cpu_time", "cshift", "date_and_time", "dble",
        "dcmplx", "digits", "dim", "dot_product", "dprod", "dshiftl", "dshiftr", "eoshift", "epsilon", "erf", "erfc",
        "erfc_scaled", "execute_command_line", "exp", "exponent", "extends_type_of", "findloc", "floor", "fraction",
        "gamma", "get_command", "get_command_argument", "get_environment_variable", "huge", "hypot", "iachar",
        "iall", "iand", "iany", "ibclr", "ibits", "ibset", "ichar", "ieor", "image_index", "index", "int", "ior",
        "iparity", "ishft", "ishftc", "is_contiguous", "is_iostat_end", "is_iostat_eor", "kind", "lbound", "leadz",
        "len", "len_trim", "lge", "lgt", "lle", "llt", "log", "log10", "log_gamma", "logical", "maskl", "maskr",
        "matmul", "max", "maxexponent", "maxloc", "maxval", "merge", "merge_bits", "min", "minexponent", "minloc",
        "minval", "mod", "modulo", "move_alloc", "nearest", "new_line", "nint", "norm2", "not", "null",
        "num_images", "pack", "parity", "popcnt", "poppar", "precision", "present", "product", "radix",
        "random_number", "random_seed", "range", "rank", "real", "repeat", "reshape", "rrspacing", "same_type_as",
        "scale", "scan", "selected_char_kind", "selected_int_kind", "selected_real_kind", "set_exponent", "shape",
        "shifta", "shiftl", "shiftr", "sign", "sin", "sinh", "size", "sngl", "spacing", "spread", "sqrt",
        "storage_size", "sum", "system_clock", "tan", "tanh", "this_image", "tiny", "trailz", "transfer",
        "transpose", "trim", "ubound", "unpack", "verify", "dabs", "dsqrt", "dexp", "dlog", "dlog10", "dsin", "dcos",
        "dtan", "datan", "datan2", "dmax1", "dmin1", "amax1", "amin1", "max0", "min0", "float", "ifix", "idint",
        "dfloat", "dsign", "isign", "dmod", "cabs", "csqrt", "cexp", "clog", "dconjg", "dimag", "dreal", "iabs",
        "alog", "alog10", "sqrt", "c_loc", "c_funloc", "c_f_pointer", "c_associated", "c_sizeof", "complex",
        "integer", "character", "omp_get_thread_num", "omp_get_num_threads", "omp_get_wtime", "omp_get_max_threads",
        "omp_set_num_threads", "ieee_is_nan", "ieee_is_finite", "ieee_value", "ieee_class", "ieee_is_normal",
        "ieee_copy_sign", "ieee_is_negative", "ieee_support_nan", "ieee_support_inf", "ieee_get_flag", "ieee_set_flag",
        "ieee_quiet_nan", "ieee_signaling_nan", "ieee_positive_inf", "ieee_negative_inf",
    ]

    /// Intrinsic modules, whose names and entities are left as they are in improved mode.
    public static let intrinsicModules: Set<String> = [
        "iso_fortran_env", "iso_c_binding", "ieee_arithmetic", "ieee_exceptions", "ieee_features", "omp_lib",
        "omp_lib_kinds", "openacc", "mpi", "mpi_f08",
    ]

    /// Whether `word` (lower case) is a keyword.
    public static func isKeyword(_ word: String) -> Bool { keywords.contains(word) }
}

extension FortranKeywords {
    /// Named constants of the intrinsic modules (`iso_fortran_env`, `iso_c_binding`), kept in
    /// improved mode when not declared locally.
    public static let intrinsicModuleEntities: Set<String> = [
        "int8", "int16", "int32", "int64", "real32", "real64", "real128", "output_unit", "error_unit", "input_unit",
        "iostat_end", "iostat_eor", "character_storage_size", "numeric_storage_size", "c_int", "c_long",
        "c_long_long", "c_short", "c_signed_char", "c_size_t", "c_int8_t", "c_int16_t", "c_int32_t", "c_int64_t",
        "c_float", "c_double", "c_long_double", "c_float_complex", "c_double_complex", "c_bool", "c_char",
        "c_null_char", "c_new_line", "c_ptr", "c_funptr", "c_null_ptr", "c_null_funptr", "compiler_version",
        "compiler_options", "logical_kinds", "integer_kinds", "real_kinds", "character_kinds",
    ]
}
