"""What people read: words and numbers, reports and their sections, figures."""
