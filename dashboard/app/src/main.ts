// Entry point of the dashboard app: defines the custom elements; index.html holds <jq-dashboard>.
import './components/jq-dashboard.js';
