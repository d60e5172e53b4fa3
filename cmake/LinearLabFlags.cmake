# Compiler flags shared by every LinearLab target, through one interface target.
add_library(linearlab_flags INTERFACE)
target_compile_options(linearlab_flags INTERFACE -Wall -Wextra -Wno-deprecated-copy -Wno-maybe-uninitialized)
target_compile_options(linearlab_flags INTERFACE $<$<CONFIG:Release>:-O3>)
if(LINEARLAB_NATIVE)
  target_compile_options(linearlab_flags INTERFACE -march=native)
endif()
if(LINEARLAB_SANITIZE)
  target_compile_options(linearlab_flags INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(linearlab_flags INTERFACE -fsanitize=address,undefined)
endif()
