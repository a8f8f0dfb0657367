-- Lakou 0017: warehouse operations (pick lists, shipping). PostgreSQL 15 syntax.

-- A shipped unit consumes its allocation: the reservation row keeps the order's history of
-- which lot left, with its own status (the SALE movement that took it off the shelf names the
-- shipment). HELD/ALLOCATED/RELEASED keep their meaning.
ALTER TABLE stock_reservations DROP CONSTRAINT stock_reservations_status_check;
ALTER TABLE stock_reservations ADD CONSTRAINT stock_reservations_status_check
  CHECK (status IN ('HELD', 'ALLOCATED', 'RELEASED', 'SHIPPED'));

-- Pick-list generation and packing read an order line's live allocations.
CREATE INDEX stock_reservations_line_idx ON stock_reservations (order_line_id) WHERE status = 'ALLOCATED';
-- FEFO at pick time looks for the other lots of a variant in one warehouse.
CREATE INDEX lots_variant_warehouse_idx ON lots (variant_id, warehouse_code, best_before);
-- A unit is picked once: an order line appears on one open pick list at a time (checked in code),
-- and the queue finds lines not yet on a list.
CREATE INDEX pick_list_lines_order_line_idx ON pick_list_lines (order_line_id);
