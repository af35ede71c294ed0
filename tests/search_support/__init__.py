"""Search test support, reusable by the site's own browser tests and the benchmark.

- `samples`: a small Vietnamese corpus with known best answers (`SAMPLE_DOCS`, `EXPECTED_FIRST`);
- `corpus.mixed_docs(n)`: a deterministic larger corpus made from the samples' sentences;
- `site.build_search_site(dest)`: a static test site (home, search page, item pages) around an
  index built by `build_search_index`, rendering the real partial and page templates;
- `node.run_node(index_dir, queries)`: the browser engine run in node, for parity with Python;
- `browser`: helpers to type in the search box and read results in Playwright.
"""
