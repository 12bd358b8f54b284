import './base.css';
import './versions.css';
import './diff.css';
import './diff-table.css';
import './snapshots.css';
import './table-viewer.css';
import './search.css';
import './fonts.css';
