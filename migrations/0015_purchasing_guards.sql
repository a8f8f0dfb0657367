-- Lakou 0015: purchasing guards (issue 6). The over-delivery tolerance is 0: a purchase-order line
-- never records more accepted units than ordered, even if two receipts race past the code's check.
ALTER TABLE purchase_order_lines ADD CONSTRAINT purchase_order_lines_received_le_ordered
  CHECK (quantity_received <= quantity_ordered);
-- the list of receipts, newest first
CREATE INDEX goods_receipts_received_idx ON goods_receipts (received_on DESC, created_at DESC);
