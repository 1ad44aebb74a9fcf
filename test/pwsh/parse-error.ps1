function broken {
  if ($x -eq 1 {
}
