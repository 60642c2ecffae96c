// Recall, filtering, persistence and robustness tests of the graph index against FlatIndex.

import XCTest
